"""The analysis pipeline: transcript -> sentences -> labels -> stages -> the debrief."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from app.analysis.classifier import Utterance, classify
from app.analysis.delivery import measure_delivery
from app.analysis.model import Analysis, InterviewerLine, LabelledSentence
from app.analysis.probes import AskedProbe, probe_findings
from app.analysis.rollup import summarize
from app.analysis.rubric_coverage import cover_rubric
from app.analysis.sentences import split_sentences
from app.analysis.staging import StageClue, bounds_from_marks, estimate_bounds, stage_at
from app.analysis.vocabulary import load_vocabulary
from app.errors import DebriefError
from app.marks import StageStart
from app.prompts.model import Prompt
from app.stages import STAGE_IDS
from app.transcript import INTERVIEWER, Transcript


def analyze(transcript: Transcript, marks: Sequence[StageStart] | None = None,
            prompt: Prompt | None = None, asked: Sequence[AskedProbe] | None = None
            ) -> Analysis:
    """Where the time went, and what a platform hiring committee would say about it.

    `marks` are the stage starts from the stage clock; without them stage bounds are
    estimated from content. `prompt` (scaled to the length chosen) supplies stage
    budgets, the planned length, probes and the rubric items to check (all items when
    None). `asked` are the probes the rehearsal showed (probes.asked_probes of its
    events); only asked probes are judged. The user's corrections go on top afterwards
    (app.analysis.corrections.apply_corrections). Segments marked as the interviewer's
    (app.analysis.turns) are carried as `interviewer` lines and counted nowhere.
    """
    vocabulary = load_vocabulary()
    asker = [s for s in transcript.segments if s.speaker == INTERVIEWER]
    transcript = replace(transcript, segments=[s for s in transcript.segments
                                               if s.speaker != INTERVIEWER])
    sentences = split_sentences(transcript)
    if not sentences:
        raise DebriefError("the transcript has no text")
    duration = max(transcript.duration, sentences[-1].end, *(s.end for s in asker))
    budgets = prompt.stage_seconds() if prompt is not None else None
    if marks:
        for stage, _ in marks:
            if stage not in STAGE_IDS:
                raise DebriefError(f"unknown stage {stage!r} in the marks")
        bounds = bounds_from_marks(marks, duration)
    # The marked stage of each sentence is evidence for its label (docs/labels.md).
    stages = [stage_at(bounds, (p.start + p.end) / 2) for p in sentences] if marks else None
    labels = classify([Utterance(p.start, p.end, p.text, p.group) for p in sentences],
                      vocabulary, stages=stages)
    if not marks:
        bounds = estimate_bounds([StageClue(p.start, p.end, p.text, lab.category)
                                  for p, lab in zip(sentences, labels, strict=True)],
                                 vocabulary, duration, budgets)
    labelled = [
        LabelledSentence(p.start, p.end, p.text, stage_at(bounds, (p.start + p.end) / 2),
                         lab.category, lab.cues, p.words)
        for p, lab in zip(sentences, labels, strict=True)
    ]
    rubric = cover_rubric(labelled, list(prompt.rubric) if prompt is not None else None)
    probes = probe_findings(prompt, labelled, bounds, asked) if prompt is not None else []
    analysis = summarize(
        labelled, bounds, budgets, rubric, measure_delivery(transcript, labelled),
        probes, estimated=not marks, duration=duration,
        prompt_id=prompt.id if prompt is not None else None,
        planned=prompt.planned_seconds if prompt is not None else None,
    )
    analysis.interviewer = [
        InterviewerLine(s.start, s.end, s.text.strip(),
                        [(w.start, w.end, w.word.strip()) for w in s.words])
        for s in asker]
    return analysis

