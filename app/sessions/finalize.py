"""Turn a session's transcript into its analysis.json: the last step after a rehearsal,
and the step to redo when the user asks for a fresh analysis.

`finish_session` is what Finish does, with no Qt in it (the window runs it on a thread):
finish the live transcript's tail, or, when live transcription failed or never ran,
transcribe the whole recording in the recognizer's process; then save and analyse.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from app.analysis import analyze
from app.analysis.model import Analysis
from app.analysis.probes import asked_probes
from app.analysis.turns import mark_turns, spoken_turns
from app.errors import DebriefError
from app.fileio.jsonfile import write_json_atomic
from app.marks import load_marks
from app.prompts import load_library
from app.prompts.drills import quick_prompt, stage_prompt
from app.prompts.model import Prompt
from app.sessions.folder import SessionFolder
from app.sessions.meta import QUICK, SessionMeta
from app.transcript import Transcript, load_transcript, save_transcript

if TYPE_CHECKING:
    from app.transcription.live import LiveTranscriber

# Finishing the live tail is seconds of work; this bounds a worker that hangs.
TAIL_TIMEOUT = 600.0


def session_prompt(meta: SessionMeta) -> Prompt | None:
    """The prompt a session was rehearsed with, scaled to the length it was run at, or
    for a session of one stage (a drill) reduced to that stage at the drill's length;
    None when the prompt is gone (a user prompt deleted since)."""
    stage = meta.scope or ""
    seconds = meta.budget(stage) if stage else None
    if meta.session_kind == QUICK and stage and seconds and meta.item:
        return quick_prompt(stage, seconds, meta.item, meta.prompt_title or "")
    prompt_id = meta.prompt_id
    if not prompt_id:
        return None
    try:
        prompt = load_library().get(prompt_id)
    except DebriefError:
        return None
    if stage in {s.id for s in prompt.stages}:
        return stage_prompt(prompt, stage, seconds, meta.item or "")
    return prompt.scaled(int(meta.minutes)) if meta.minutes else prompt


def analyze_session(folder: SessionFolder, transcript: Transcript | None = None) -> Analysis:
    """Analyse the session's transcript with its marks and prompt; write analysis.json.

    The questions the interviewer asked aloud (session.json) are marked in the
    transcript first, and transcript.json is saved with them, so they count as the
    interviewer's, not the candidate's."""
    if transcript is None:
        transcript = load_transcript(folder.transcript_path)
    meta = folder.read_meta()
    turns = spoken_turns(meta.events)
    if turns:
        marked = replace(transcript, segments=mark_turns(transcript.segments, turns))
        if marked != transcript:
            save_transcript(marked, folder.transcript_path)
        transcript = marked
    marks = None
    if folder.marks_path.exists():
        marks = load_marks(folder.marks_path,
                           max(meta.duration or 0.0, transcript.duration) or None)
    # The probes the stage clock showed: only those are judged.
    analysis = analyze(transcript, marks=marks, prompt=session_prompt(meta),
                       asked=asked_probes(meta.events))
    write_json_atomic(folder.analysis_path, analysis.to_dict())
    return analysis


def finish_session(folder: SessionFolder, live: LiveTranscriber | None,
                   model: str | None = None, vocabulary: Sequence[str] = (),
                   progress: Callable[[float, float | None], None] | None = None,
                   cancel: threading.Event | None = None) -> Analysis:
    """The whole transcript and its analysis after Finish, both written to the folder.

    `progress(fraction, eta)` follows a whole-file transcription; `cancel` stops it.
    DebriefError when transcription fails; the recording is only ever read."""
    if live is not None and live.status().error is None:
        transcript = live.finish(timeout=TAIL_TIMEOUT)
    else:
        if live is not None:
            live.cancel()
        from app.transcription.job import TranscriptionJob

        job = TranscriptionJob(folder.audio_path, folder.transcript_path, model=model,
                               vocabulary=vocabulary)
        job.start()
        transcript = job.wait(progress=progress, cancel=cancel)
    return analyze_session(folder, transcript)
