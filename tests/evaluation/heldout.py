"""Honest figures for the sentence labels: every corpus script scored from clean text
by a classifier that never saw it (leave-one-script-out when the model is learned),
next to the in-sample figure of the shipped model.

A script's text becomes one subtitle cue per sentence, timed by `timed_text`, and goes
through the same sentence splitter and classifier as `debrief analyze`; the score is
tests/evaluation/score.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.analysis.classifier import Utterance, classify
from app.analysis.label_model import LabelModel, load_label_model
from app.analysis.sentences import split_sentences
from app.analysis.staging import bounds_from_marks, stage_at
from app.analysis.vocabulary import Vocabulary, load_vocabulary
from app.transcript import Segment, Transcript

from .score import score
from .script_audio import timed_text
from .train_labels import train

Scores = dict[str, Any]


@dataclass
class ScriptResult:
    id: str
    held_apart: Scores
    in_sample: Scores


def text_transcript(truth: dict[str, Any]) -> Transcript:
    """A timed truth as a transcript without word timings (one cue per sentence)."""
    return Transcript([Segment(s["start"], s["end"], s["text"]) for s in truth["sentences"]])


def truth_marks(truth: dict[str, Any]) -> list[tuple[str, float]]:
    """The stage marks a stage clock would have recorded for a timed truth."""
    marks: dict[str, float] = {}
    for s in truth["sentences"]:
        marks.setdefault(s["stage"], max(0.0, s["start"] - 0.2))
    return list(marks.items())


def label_segments(transcript: Transcript, vocabulary: Vocabulary, model: LabelModel | None,
                   marks: Sequence[tuple[str, float]] | None = None) -> list[dict[str, Any]]:
    """The labelled segments `analyze` would produce, with the given model and marks."""
    sentences = split_sentences(transcript)
    stages = None
    if marks:
        bounds = bounds_from_marks(marks, max(transcript.duration, sentences[-1].end))
        stages = [stage_at(bounds, (p.start + p.end) / 2) for p in sentences]
    labels = classify([Utterance(p.start, p.end, p.text, p.group) for p in sentences], vocabulary,
                      model=model, stages=stages)
    return [{"start": p.start, "end": p.end, "category": lab.category}
            for p, lab in zip(sentences, labels, strict=True)]


def score_transcript(truth: dict[str, Any], transcript: Transcript, vocabulary: Vocabulary,
                     model: LabelModel | None, marked: bool = True) -> Scores:
    """Score one transcript of a script against its timed truth (with the truth's stage
    marks, as a rehearsal has them, unless `marked` is False)."""
    marks = truth_marks(truth) if marked else None
    return score(truth, {"segments": label_segments(transcript, vocabulary, model, marks)})


def leave_one_out(scripts: Sequence[dict[str, Any]],
                  transcripts: Callable[[dict[str, Any]], tuple[dict[str, Any], Transcript]]
                  | None = None, learned: bool = True, marked: bool = True
                  ) -> list[ScriptResult]:
    """Each script scored held apart (by a model trained on all the others) and in
    sample (by the shipped model). `transcripts` turns a script into (truth, transcript);
    clean text by default. With `learned` False both use the cues alone."""
    vocabulary = load_vocabulary()
    shipped = load_label_model() if learned else None
    results = []
    for i, script in enumerate(scripts):
        truth, transcript = (transcripts or _clean)(script)
        fold = train([s for j, s in enumerate(scripts) if j != i], vocabulary) if learned \
            else None
        results.append(ScriptResult(
            script["id"], score_transcript(truth, transcript, vocabulary, fold, marked),
            score_transcript(truth, transcript, vocabulary, shipped, marked)))
    return results


def _clean(script: dict[str, Any]) -> tuple[dict[str, Any], Transcript]:
    truth = timed_text(script)
    return truth, text_transcript(truth)


def overall(results: Sequence[ScriptResult], which: str = "held_apart") -> dict[str, float]:
    """Mean macro-F1 and share gap over scripts, and the worst script of each."""
    rows = [getattr(r, which) for r in results]
    f1 = [r["macro_f1"] for r in rows]
    gap = [r["max_share_gap_pp"] for r in rows]
    return {"macro_f1": sum(f1) / len(f1), "min_macro_f1": min(f1),
            "share_gap_pp": sum(gap) / len(gap), "max_share_gap_pp": max(gap)}
