"""Real parent sessions and retakes on disk, analysed by the real analyzer from text
(no recording): for the tests of offers, before/after, stats, trash and exports."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from analysis.helpers import cues

from app.analysis import analyze
from app.analysis.model import Analysis
from app.analysis.probes import AskedProbe
from app.fileio.jsonfile import write_json_atomic
from app.interviewer.retake_offer import RetakeOffer, retake_fields, retake_plan
from app.marks import StageStart, save_marks
from app.paths import sessions_dir
from app.prompts import load_library
from app.prompts.plan import plan_from_prompt
from app.rehearsal.session_log import SessionLog
from app.sessions.folder import SessionFolder

PROMPT = "messaging-scheduled-messages"

# A solution that is all console, with no idempotency, errors or versioning.
PARENT_TEXTS = (
    "Today clinics send reminders by hand and patients miss appointments.",
    "The developer is a backend engineer at a clinic software vendor.",
    "The console gets a page listing scheduled sends, each with a cancel button.",
    "The dashboard shows a calendar view with drag and drop to move a reminder.",
    "On the mobile app the screen has a big button to schedule and a colour picker.",
    "The settings screen has a layout for templates with a preview pane.",
    "The create call takes a send at timestamp and returns the schedule id.",
    "I would track how many accounts use the schedule feature in their first week.",
)

IDEMPOTENT = ("Every create call takes an idempotency key in a header, and a retry "
              "with the same key returns the first schedule instead of a second one.")

# Said aloud (espeak-ng), this covers idempotency as the bundled model hears it.
SPOKEN_IDEMPOTENT = (
    "Every create call takes an idempotency key. If their worker times out and retries "
    "with the same key, we return the first schedule, so the patient never gets a "
    "duplicate reminder.")


def write_parent(texts: Sequence[str] = PARENT_TEXTS,
                 asked: Sequence[AskedProbe] = ()) -> tuple[SessionFolder, Analysis]:
    """A finished mock of PROMPT with its marks and analysis: solution UI-heavy."""
    prompt = load_library().get(PROMPT)
    folder = SessionFolder.create(prompt.title)
    log = SessionLog(folder, plan_from_prompt(prompt, 45))
    log.meta.update(state="finished", events=[
        {"type": "probe", "audio": p.time, "text": p.text, "stage": p.stage} for p in asked])
    log.save()
    transcript = cues(list(texts), gap=1.0)
    ends = [s.end for s in transcript.segments]
    marks = [StageStart("problem", 0.0), StageStart("developer", ends[0] + 0.5),
             StageStart("solution", ends[1] + 0.5), StageStart("technical", ends[5] + 0.5),
             StageStart("metrics", ends[6] + 0.5)]
    save_marks(folder.marks_path, marks)
    analysis = analyze(transcript, marks=marks, prompt=prompt.scaled(45),
                       asked=list(asked))
    write_json_atomic(folder.analysis_path, analysis.to_dict())
    return folder, analysis


def write_take(parent: SessionFolder, offer: RetakeOffer, texts: Sequence[str],
               seconds: float = 90, started_at: str = "", audio: Path | None = None,
               state: str = "finished") -> SessionFolder:
    """A retake of `offer` for `parent`, its answer `texts` analysed; with `audio`, that
    recording instead, not yet transcribed (as a take recovered after a crash is)."""
    prompt = load_library().get(PROMPT)
    plan = retake_plan(offer, parent.id, seconds, prompt_id=PROMPT, prompt_title=prompt.title)
    folder = SessionFolder.create(f"retake {offer.key}", root=sessions_dir())
    log = SessionLog(folder, plan)
    log.meta.update(retake_fields(offer, seconds, prompt.title), state=state)
    if started_at:
        log.meta["started_at"] = started_at
    log.save()
    if audio is not None:
        shutil.copyfile(audio, folder.audio_path)
        save_marks(folder.marks_path, [StageStart(plan.stages[0].id, 0.0)])
        return folder
    transcript = cues(list(texts))
    marks = [StageStart(plan.stages[0].id, 0.0)]
    save_marks(folder.marks_path, marks)
    analysis = analyze(transcript, marks=marks, prompt=prompt)
    write_json_atomic(folder.analysis_path, replace(analysis).to_dict())
    return folder
