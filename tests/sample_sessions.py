"""Plausible stored sessions, built from real Analysis objects: for the benchmark, the
screenshots and the tests of the history, which need many sessions with known numbers.
It lives with the tests because nothing in the app runs it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from app.analysis.model import (
    Analysis,
    Delivery,
    Finding,
    LabelledSentence,
    Moment,
    Pause,
    RubricResult,
    StageReport,
)
from app.fileio.jsonfile import write_json_atomic
from app.marks import StageStart, save_marks
from app.prompts import load_library
from app.prompts.drills import drill_plan, quick_plan
from app.prompts.quick_drills import load_quick_drills
from app.rehearsal.session_log import SessionLog
from app.sessions.finalize import analyze_session
from app.sessions.folder import SessionFolder
from app.stages import CATEGORIES, STAGE_IDS, STAGE_TITLES
from app.transcript import Segment, Transcript, save_transcript

# Share of the answer each stage gets in a 45-minute plan (sums to 1).
STAGE_SHARE = {"problem": 0.12, "developer": 0.13, "solution": 0.35, "technical": 0.18,
               "metrics": 0.10, "wrapup": 0.12}
RUBRIC = [("idempotency", "Idempotency"), ("rate-limits", "Rate limits and 429s"),
          ("authentication", "Authentication"), ("error-handling", "Error codes and handling"),
          ("webhooks", "Webhooks / status callbacks"), ("retries", "Retries and backoff"),
          ("versioning", "Versioning and backward compatibility"), ("sdks", "SDKs"),
          ("api-adoption", "API adoption"), ("tradeoffs", "Explicit trade-offs")]
PROMPTS = [
    ("messaging-scheduled-messages", "Design an API for scheduled messages", "Messaging"),
    ("verify-fraud-guard",
     "Launch SMS pumping fraud protection for Verify, keeping developers in mind", "Verify"),
    ("video-recording-compositions", "Design an API for composing recordings of video rooms",
     "Video"),
    ("sendgrid-engagement-events", "Design an API for streaming email engagement events",
     "SendGrid"),
]


@dataclass
class SampleSpec:
    """The headline numbers a sample session should come out with."""

    minutes: int = 45
    ui_share: float = 0.3  # of the solution stage's platform+ui time
    rubric_covered: int = 5
    overrun: float = 60.0  # seconds past budget in the solution stage
    wpm: float = 150.0
    fillers: float = 3.0


def sample_analysis(spec: SampleSpec, prompt_id: str | None = None) -> Analysis:
    """An analysis with the given headline numbers (a few segments per stage)."""
    budgets = {s: STAGE_SHARE[s] * spec.minutes * 60 for s in STAGE_IDS}
    stages, segments, t = [], [], 0.0
    totals = dict.fromkeys(CATEGORIES, 0.0)
    for stage in STAGE_IDS:
        length = budgets[stage] + (spec.overrun if stage == "solution" else 0.0)
        cats = dict.fromkeys(CATEGORIES, 0.0)
        if stage == "solution":
            spoken = length * 0.9
            cats["ui"] = spoken * spec.ui_share
            cats["api"] = spoken * (1 - spec.ui_share) * 0.7
            cats["webhooks"] = spoken * (1 - spec.ui_share) * 0.3
        elif stage == "technical":
            cats["api"], cats["webhooks"] = length * 0.5, length * 0.3
        elif stage == "wrapup":
            cats["tradeoffs"], cats["other"] = length * 0.5, length * 0.4
        else:
            cats["other"] = length * 0.85
        for cat, secs in cats.items():
            if secs > 0:
                segments.append(LabelledSentence(t, t + secs, f"About {cat} in {stage}.",
                                                 stage, cat, [cat]))
            totals[cat] += secs
        stages.append(StageReport(stage, t, t + length, budgets[stage], cats, spec.wpm))
        t += length
    platform = totals["api"] + totals["webhooks"] + totals["tradeoffs"]
    sol = stages[STAGE_IDS.index("solution")].categories
    sol_platform = sol["api"] + sol["webhooks"] + sol["tradeoffs"]
    rubric = [RubricResult(rid, title, i < spec.rubric_covered,
                           [Moment(60.0 * (i + 1), f"we handle {title.lower()}")]
                           if i < spec.rubric_covered else [])
              for i, (rid, title) in enumerate(RUBRIC)]
    findings = []
    if spec.ui_share > 0.5:
        findings.append(Finding("ui-heavy", "flag", "UI-heavy solution",
                                f"{spec.ui_share:.0%} of the solution on screens", []))
    if spec.overrun > 0:
        findings.append(Finding("stage-overrun:solution", "flag", "Solution ran long",
                                f"{spec.overrun / 60:.1f} min over budget", []))
    if spec.rubric_covered < 8:
        findings.append(Finding("missed-idempotency", "flag", "Idempotency never mentioned",
                                "", []))
    findings.append(Finding("webhooks-early", "strength", "Async status early", "", []))
    return Analysis(
        duration=t, segments=segments, categories=totals, stages=stages,
        stages_estimated=False,
        platform_share=platform / (platform + totals["ui"]),
        solution_platform_share=sol_platform / (sol_platform + sol["ui"]),
        ui_heavy=spec.ui_share > 0.5, rubric=rubric, findings=findings,
        delivery=Delivery(spec.wpm, spec.fillers, {"um": int(spec.fillers * 10)},
                          [Pause(100.0, 104.5)], [("you know", 3)]),
        prompt_id=prompt_id,
    )


def write_sample_session(
    root: Path,
    started: datetime,
    spec: SampleSpec,
    prompt: tuple[str, str, str] = PROMPTS[0],
    analysed: bool = True,
) -> SessionFolder:
    """A session folder with session.json and (when `analysed`) analysis.json."""
    prompt_id, title, product = prompt
    folder = SessionFolder.create(title, root=root, now=started)
    analysis = sample_analysis(spec, prompt_id)
    plan = [{"stage": s, "title": STAGE_TITLES[s], "budget": r.budget}
            for s, r in zip(STAGE_IDS, analysis.stages, strict=True)]
    folder.write_meta({
        "prompt_id": prompt_id, "prompt_title": title, "product": product,
        "minutes": spec.minutes, "plan": plan, "events": [], "device": "default",
        "sample_rate": 16000, "overflows": 0, "app_version": "0.1.0",
        "started_at": started.isoformat(timespec="seconds"),
        "duration": round(analysis.duration, 1), "state": "finished",
    })
    if analysed:
        write_json_atomic(folder.analysis_path, analysis.to_dict())
    return folder


def write_progression(root: Path, count: int, seed: int = 7,
                      start: datetime | None = None) -> list[SessionFolder]:
    """`count` sessions over several weeks that get better as they go, as a candidate
    preparing for an onsite would."""
    rng = random.Random(seed)
    start = start or datetime(2026, 10, 1, 9, 30)
    folders = []
    for i in range(count):
        progress = i / max(1, count - 1)
        spec = SampleSpec(
            minutes=rng.choice((45, 45, 60)),
            ui_share=max(0.05, 0.6 - 0.45 * progress + rng.uniform(-0.06, 0.06)),
            rubric_covered=min(10, 3 + round(6 * progress + rng.uniform(-1, 1))),
            overrun=max(0.0, 300 * (1 - progress) + rng.uniform(-60, 60)),
            wpm=round(rng.uniform(135, 175) - 10 * progress, 1),
            fillers=round(max(0.5, 6 - 4 * progress + rng.uniform(-0.8, 0.8)), 1),
        )
        when = start + timedelta(days=2 * i, hours=rng.randint(0, 9))
        folders.append(write_sample_session(root, when, spec, PROMPTS[i % len(PROMPTS)]))
    return folders


DRILL_SAID = (
    "The create call takes an idempotency key so a retry is safe.",
    "We send a status callback webhook to their server when the message goes out.",
    "The dashboard shows a calendar view with a button to cancel.",
)


def write_sample_drill(root: Path, started: datetime, stage: str = "solution",
                       seconds: float = 120.0, said: tuple[str, ...] = DRILL_SAID,
                       quick: str = "") -> SessionFolder:
    """A stage drill of the first sample prompt (or, with `quick` a quick drill's id, that
    quick drill), its transcript `said` one sentence every 8 seconds, analysed for real."""
    if quick:
        plan = quick_plan(next(d for d in load_quick_drills() if d.id == quick), seconds)
    else:
        plan = drill_plan(load_library().get(PROMPTS[0][0]), stage, seconds)
    folder = SessionFolder.create(plan.prompt_title, root=root, now=started)
    log = SessionLog(folder, plan)
    log.meta["started_at"] = started.isoformat(timespec="seconds")
    log.finish(8.0 * len(said), 0)
    save_marks(folder.marks_path, [StageStart(plan.stages[0].id, 0.0)])
    save_transcript(Transcript([Segment(8.0 * n, 8.0 * n + 7.5, text)
                                for n, text in enumerate(said)]), folder.transcript_path)
    analyze_session(folder)
    return folder
