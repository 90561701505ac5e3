"""Turn a session's transcript into its analysis.json: the last step after a rehearsal,
and the step to redo when the user asks for a fresh analysis."""

from __future__ import annotations

from app.analysis import analyze
from app.analysis.model import Analysis
from app.analysis.probes import asked_probes
from app.errors import DebriefError
from app.fileio.jsonfile import write_json_atomic
from app.marks import load_marks
from app.prompts import load_library
from app.prompts.model import Prompt
from app.sessions.folder import SessionFolder
from app.sessions.meta import SessionMeta
from app.transcript import Transcript, load_transcript


def session_prompt(meta: SessionMeta) -> Prompt | None:
    """The prompt a session was rehearsed with, scaled to the length it was run at;
    None when the prompt is gone (a user prompt deleted since)."""
    prompt_id = meta.prompt_id
    if not prompt_id:
        return None
    try:
        prompt = load_library().get(prompt_id)
    except DebriefError:
        return None
    return prompt.scaled(int(meta.minutes)) if meta.minutes else prompt


def analyze_session(folder: SessionFolder, transcript: Transcript | None = None) -> Analysis:
    """Analyse the session's transcript with its marks and prompt; write analysis.json."""
    if transcript is None:
        transcript = load_transcript(folder.transcript_path)
    meta = folder.read_meta()
    marks = None
    if folder.marks_path.exists():
        marks = load_marks(folder.marks_path,
                           max(meta.duration or 0.0, transcript.duration) or None)
    # The probes the stage clock showed: only those are judged.
    analysis = analyze(transcript, marks=marks, prompt=session_prompt(meta),
                       asked=asked_probes(meta.events))
    write_json_atomic(folder.analysis_path, analysis.to_dict())
    return analysis
