"""What an analysis says, as plain data: the contract between the analyzer, the review
screen, the reports and `--format json` (schema debrief.analysis/1, see DESIGN.md).

The analyzer builds an Analysis; everything else only reads it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.stages import CATEGORIES

SCHEMA = "debrief.analysis/1"


@dataclass
class LabelledSentence:
    """A sentence of the transcript with its stage and category (the JSON "segments")."""

    start: float
    end: float
    text: str
    stage: str
    category: str  # one of CATEGORIES
    cues: list[str] = field(default_factory=list)  # the phrases that decided the category
    # Word timings (start, end, word) so a click on a word can seek; empty for SRT input.
    words: list[tuple[float, float, str]] = field(default_factory=list)
    # The machine's label when the user corrected `category`; None when uncorrected.
    corrected_from: str | None = None


@dataclass
class InterviewerLine:
    """A question the interviewer asked aloud, as the microphone heard it: shown in the
    transcript, never counted as the candidate's (the JSON "interviewer")."""

    start: float
    end: float
    text: str
    words: list[tuple[float, float, str]] = field(default_factory=list)


@dataclass
class StageReport:
    stage: str
    start: float
    end: float
    budget: float  # seconds planned for this stage (0 when no prompt is known)
    categories: dict[str, float]  # spoken seconds per category in this stage
    words_per_minute: float = 0.0

    @property
    def length(self) -> float:
        return self.end - self.start

    @property
    def overrun(self) -> float:
        return max(0.0, self.length - self.budget) if self.budget else 0.0


@dataclass
class Moment:
    """Evidence: when something was said, and what."""

    time: float
    quote: str


@dataclass
class RubricResult:
    id: str
    title: str
    covered: bool
    moments: list[Moment] = field(default_factory=list)


@dataclass
class Finding:
    """A red flag or a strength, in the interview's own terms, with evidence."""

    id: str  # e.g. "ui-heavy", "no-async-status", "stage-overrun:solution"
    kind: str  # "flag", "strength", or "note" (told, not judged: a probe never reached)
    title: str
    detail: str
    moments: list[Moment] = field(default_factory=list)


@dataclass
class Pause:
    start: float
    end: float

    @property
    def length(self) -> float:
        return self.end - self.start


@dataclass
class Delivery:
    words_per_minute: float
    fillers_per_minute: float
    filler_counts: dict[str, int]
    long_pauses: list[Pause]
    repeated_phrases: list[tuple[str, int]]


@dataclass
class Analysis:
    duration: float
    segments: list[LabelledSentence]
    categories: dict[str, float]  # spoken seconds per category, all of CATEGORIES present
    stages: list[StageReport]
    stages_estimated: bool  # True when stage bounds were guessed from content, not marks
    platform_share: float | None  # (api+webhooks+tradeoffs) / (those + ui); None if no speech
    solution_platform_share: float | None
    ui_heavy: bool
    rubric: list[RubricResult]
    findings: list[Finding]
    delivery: Delivery
    prompt_id: str | None = None
    # Seconds of the plan the user chose (45 or 60 minutes), whatever the stage spans
    # say; None when no prompt is known.
    planned: float | None = None
    # The interviewer's spoken questions, kept out of every figure above.
    interviewer: list[InterviewerLine] = field(default_factory=list)

    @property
    def flags(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "flag"]

    @property
    def strengths(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "strength"]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == "note"]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["categories"] = {c: round(self.categories.get(c, 0.0), 2) for c in CATEGORIES}
        for seg in [*data["segments"], *data["interviewer"]]:
            seg["start"], seg["end"] = round(seg["start"], 3), round(seg["end"], 3)
            seg["words"] = [[round(a, 3), round(b, 3), w] for a, b, w in seg["words"]]
        return {"schema": SCHEMA, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Inverse of to_dict (raises KeyError/TypeError on malformed input; callers
        wrap that in a DebriefError naming the file)."""
        d = dict(data)
        d.pop("schema", None)
        d["segments"] = [
            LabelledSentence(**{**s, "words": [tuple(w) for w in s.get("words", [])]})
            for s in d["segments"]
        ]
        d["interviewer"] = [
            InterviewerLine(**{**s, "words": [tuple(w) for w in s.get("words", [])]})
            for s in d.get("interviewer", [])
        ]
        d["stages"] = [StageReport(**s) for s in d["stages"]]
        d["rubric"] = [
            RubricResult(**{**r, "moments": [Moment(**m) for m in r["moments"]]})
            for r in d["rubric"]
        ]
        d["findings"] = [
            Finding(**{**f, "moments": [Moment(**m) for m in f["moments"]]})
            for f in d["findings"]
        ]
        dv = dict(d["delivery"])
        dv["long_pauses"] = [Pause(**p) for p in dv["long_pauses"]]
        dv["repeated_phrases"] = [tuple(p) for p in dv["repeated_phrases"]]
        d["delivery"] = Delivery(**dv)
        return cls(**d)
